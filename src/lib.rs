pub mod cli;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod model;
