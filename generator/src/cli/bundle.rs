//! `leernet bundle`: the built site as one zip for offline use, deterministic (sorted
//! entries, fixed timestamps), with `SHA256SUMS` inside.

use super::ContentArgs;
use leernet::pipeline::{self, Timings};
use leernet::site::Options;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct BundleArgs {
    #[command(flatten)]
    content: ContentArgs,
    /// The zip file to write.
    #[arg(long, default_value = "site.zip")]
    out: PathBuf,
    /// The site's public address (canonical links, feeds, sitemap).
    #[arg(long)]
    base_url: Option<String>,
}

impl BundleArgs {
    pub fn run(self) -> anyhow::Result<ExitCode> {
        let options = Options { now: self.content.now()?, base_url: self.base_url.clone(), ..Default::default() };
        let now = options.now;
        let layouts = PathBuf::from("layouts");
        let layouts = layouts.is_dir().then_some(layouts);
        let built = pipeline::render(&self.content.content, layouts.as_deref(), options, &mut Timings::default())?;
        let code = super::report(&built.diagnostics, false, super::Format::Text);
        let Some(files) = built.files else { return Ok(ExitCode::from(1)) };
        // Write next to the target, then rename: a failed bundle leaves no half zip.
        let tmp = self.out.with_extension("zip.tmp");
        let file =
            std::fs::File::create(&tmp).map_err(|e| anyhow::anyhow!("failed to create `{}`: {e}", tmp.display()))?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let stamp = zip::DateTime::from_date_and_time(
            u16::try_from(now.year()).unwrap_or(1980),
            now.month() as u8,
            now.day() as u8,
            0,
            0,
            0,
        )
        .unwrap_or_default();
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(stamp)
            .unix_permissions(0o644);
        let result = (|| -> anyhow::Result<()> {
            for f in &files {
                zip.start_file(format!("site/{}", f.path), opts)?;
                zip.write_all(&f.bytes)?;
            }
            zip.finish()?.flush()?;
            Ok(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.context(format!("failed to write `{}`", self.out.display())));
        }
        std::fs::rename(&tmp, &self.out)
            .map_err(|e| anyhow::anyhow!("failed to write `{}`: {e}", self.out.display()))?;
        eprintln!("bundled {} files into {}", files.len(), self.out.display());
        Ok(code)
    }
}
