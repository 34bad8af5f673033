//! `Rows`: many short lists in one allocation (compressed rows). Reading the lists of many
//! items one after the other then streams through two arrays instead of following a
//! pointer per item, which matters once a site's lists outgrow the processor's caches.

/// Rows of varying length, each a slice of one array.
#[derive(Debug, Clone, Default)]
pub struct Rows<T> {
    start: Vec<usize>,
    entries: Vec<T>,
}

impl<T> Rows<T> {
    /// Row `i`; empty past the last.
    pub fn get(&self, i: usize) -> &[T] {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.entries[a..b],
            _ => &[],
        }
    }

    /// Whether every row is empty.
    pub fn all_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The rows of `rows`, in order, copied into one array made at its final size.
    pub fn from_vecs(rows: Vec<Vec<T>>) -> Self {
        let mut out = Rows::with_capacity(rows.len(), rows.iter().map(Vec::len).sum());
        out.extend(rows);
        out
    }

    fn with_capacity(rows: usize, entries: usize) -> Self {
        let mut start = Vec::with_capacity(rows + 1);
        start.push(0);
        Rows { start, entries: Vec::with_capacity(entries) }
    }

    /// Appends each of `rows` as a row.
    fn extend<R: IntoIterator<Item = T>>(&mut self, rows: impl IntoIterator<Item = R>) {
        for row in rows {
            self.entries.extend(row);
            self.start.push(self.entries.len());
        }
    }

    /// The rows in order.
    pub fn iter(&self) -> impl Iterator<Item = &[T]> {
        self.start.windows(2).map(|w| &self.entries[w[0]..w[1]])
    }
}

impl<T, R: IntoIterator<Item = T>> FromIterator<R> for Rows<T> {
    fn from_iter<I: IntoIterator<Item = R>>(rows: I) -> Self {
        let mut out = Rows::with_capacity(0, 0);
        out.extend(rows);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_entries_apart_and_empty_rows_stay_empty() {
        let rows: Rows<u32> = [vec![1, 2], vec![], vec![3]].into_iter().collect();
        assert_eq!(rows.get(0), &[1, 2]);
        assert_eq!(rows.get(1), &[] as &[u32]);
        assert_eq!(rows.get(2), &[3]);
        assert_eq!(rows.get(3), &[] as &[u32]);
        assert_eq!(rows.iter().map(<[u32]>::len).collect::<Vec<_>>(), [2, 0, 1]);
        let from_vecs = Rows::from_vecs(vec![vec![1, 2], vec![], vec![3]]);
        assert_eq!(from_vecs.iter().collect::<Vec<_>>(), rows.iter().collect::<Vec<_>>());
    }
}
