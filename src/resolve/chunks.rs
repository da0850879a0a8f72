//! A list kept in pieces, for the facts of a large build. A 100,000-release
//! build holds millions of facts; kept in one `Vec`, the list was copied
//! whole each time it grew (old and new held at once), and resolution,
//! which moves each fact into its record, held the whole list until the
//! last fact had moved. In pieces, the list grows without copying and each
//! piece is freed as soon as its facts have moved on.

/// Elements per piece: a few megabytes of facts, so that a piece freed is
/// memory given back, and pieces stay few (a hundred for a large build).
const PIECE: usize = 1 << 16;

#[derive(Clone, Debug)]
pub struct Chunks<T> {
    pieces: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks { pieces: Vec::new(), len: 0 }
    }
}

/// Equal when the elements are, however they are split into pieces.
impl<T: PartialEq> PartialEq for Chunks<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<T: Eq> Eq for Chunks<T> {}

impl<T> Chunks<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push(&mut self, value: T) {
        match self.pieces.last_mut() {
            // a piece grows as a Vec does until it is full: the facts of
            // one document are a short list, not a piece's worth of room
            Some(last) if last.len() < PIECE => last.push(value),
            _ => self.pieces.push(vec![value]),
        }
        self.len += 1;
    }

    /// Give back the room the last piece has beyond its elements.
    pub fn shrink_to_fit(&mut self) {
        if let Some(last) = self.pieces.last_mut() {
            last.shrink_to_fit();
        }
    }

    /// Add `values` at the end, in order, into the last piece until it is
    /// full and into new pieces after that: no full piece is copied again.
    pub fn extend(&mut self, values: impl IntoIterator<Item = T>) {
        for v in values {
            self.push(v);
        }
    }

    /// Add all of `other` at the end.
    pub fn append(&mut self, other: Chunks<T>) {
        for piece in other.pieces {
            self.extend(piece);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.pieces.iter().flatten()
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.pieces.iter_mut().flatten()
    }

    /// Keep only the elements `keep` accepts, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&T) -> bool) {
        for piece in &mut self.pieces {
            piece.retain(&mut keep);
        }
        self.pieces.retain(|p| !p.is_empty());
        self.len = self.pieces.iter().map(Vec::len).sum();
    }
}

impl<'a, T> IntoIterator for &'a Chunks<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.pieces.iter().flatten()
    }
}

/// By value, piece by piece: each piece is freed as soon as its last
/// element has been taken.
impl<T> IntoIterator for Chunks<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.pieces.into_iter().flatten()
    }
}

impl<T> FromIterator<T> for Chunks<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut c = Chunks::default();
        c.extend(iter);
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_hold_the_elements_in_order() {
        let mut a: Chunks<usize> = (0..PIECE + 10).collect();
        assert_eq!(a.len(), PIECE + 10);
        assert_eq!(a.pieces.len(), 2);
        assert_eq!(a.pieces[0].len(), PIECE);
        a.push(7);
        a.append((0..3).collect());
        assert!(a.iter().copied().eq((0..PIECE + 10).chain([7, 0, 1, 2])));
        a.retain(|&x| x % 2 == 0 && x < PIECE);
        assert!(a.iter().copied().eq((0..PIECE).step_by(2).chain([0, 2])));
        assert_eq!(a.len(), PIECE / 2 + 2);
        let one_piece: Chunks<usize> = a.iter().copied().collect();
        assert_eq!(one_piece, a, "equal whatever the pieces");
        for x in a.iter_mut() {
            *x += 1;
        }
        let all: Vec<usize> = a.into_iter().collect();
        assert_eq!(all.len(), PIECE / 2 + 2);
        assert_eq!(all[0], 1);
    }
}
