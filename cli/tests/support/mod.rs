//! What the CLI tests share: running the `namelink` binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `namelink` with `args`, feeding `stdin` (nothing when `None`), and waits.
pub fn namelink(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_namelink"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run namelink");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(stdin.unwrap_or(b"")).expect("write stdin");
    }
    child.wait_with_output().expect("wait")
}
