pub mod markdown;
pub mod text;
