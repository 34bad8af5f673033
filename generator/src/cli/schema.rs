//! `leernet schema`: JSON Schemas of every type, for yaml-language-server.

use leernet::model::Kind;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Folder to write the schemas into.
    #[arg(long, default_value = "schemas")]
    out: PathBuf,
}

impl SchemaArgs {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        std::fs::create_dir_all(&self.out)
            .map_err(|e| anyhow::anyhow!("failed to create `{}`: {e}", self.out.display()))?;
        let mut written = Vec::new();
        let mut write = |name: String, value: serde_json::Value| -> anyhow::Result<()> {
            let path = self.out.join(format!("{name}.schema.json"));
            let text = serde_json::to_string_pretty(&value)? + "\n";
            std::fs::write(&path, text).map_err(|e| anyhow::anyhow!("failed to write `{}`: {e}", path.display()))?;
            written.push(path.display().to_string());
            Ok(())
        };
        for kind in Kind::ALL {
            write(kind.name().to_string(), leernet::schema::schema_of(kind))?;
        }
        for (name, value) in leernet::schema::settings_schemas() {
            write(name.to_string(), value)?;
        }
        eprintln!("wrote {} schemas into {}", written.len(), self.out.display());
        Ok(ExitCode::SUCCESS)
    }
}
