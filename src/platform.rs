//! What the process asks of the operating system before it starts work.

/// Turn transparent huge pages off for this process (Linux; a no-op
/// elsewhere).
///
/// mimalloc asks for huge pages on the gigabyte arenas it reserves. Where
/// the kernel then compacts memory to find them on a fault (the common
/// `defrag = madvise` setting), loading the 100,000-release graph spent
/// from 1 to 8 s in the kernel, varying run to run, against 2 s steady
/// without them; a large build's peak was also 80 MB higher. The gain of
/// huge pages (fewer TLB misses) is small for a program that walks
/// millions of small records once.
pub fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE takes plain integers and only
    // sets a flag of this process; an error (an old kernel) changes nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong);
    }
}
