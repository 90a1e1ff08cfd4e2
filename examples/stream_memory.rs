//! Peak memory of `namelink resolve` streaming a large input against the built-in registry.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example stream_memory -- [BYTES] [PATH-TO-namelink]
//! ```
//!
//! Generates BYTES (default 2 GiB) of names, one a line ("Given Surname" from
//! `data/names/names-dataset.tsv`, every third written in Cyrillic or with a suffix so that
//! some resolve and some do not), pipes them into `namelink resolve` without keeping them,
//! reads and counts its answers, and samples the process's peak resident memory (`VmHWM` in
//! `/proc/PID/status`, Linux). Prints input size, queries, answer lines, time, queries per
//! second and the peak.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const NAMES: &str = include_str!("../data/names/names-dataset.tsv");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bytes: u64 = match args.first().map(|a| a.parse()) {
        None => 2 << 30,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("stream_memory: BYTES: {e}");
            return ExitCode::from(2);
        }
    };
    let bin = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "target/release/namelink".to_string());
    let (mut given, mut surnames) = (Vec::new(), Vec::new());
    for line in NAMES.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        match f.as_slice() {
            [_, "given", _, name] => given.push(*name),
            [_, "surname", _, name] => surnames.push(*name),
            _ => {}
        }
    }
    let mut child = match Command::new(&bin)
        .arg("resolve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("stream_memory: cannot run {bin}: {e} (cargo build --release first)");
            return ExitCode::from(2);
        }
    };
    let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        eprintln!("stream_memory: no pipes");
        return ExitCode::from(1);
    };
    let pid = child.id();
    let start = Instant::now();
    let writer = std::thread::spawn(move || {
        let mut w = BufWriter::with_capacity(1 << 16, stdin);
        let (mut written, mut queries, mut state) = (0u64, 0u64, 0x9E37_79B9_7F4A_7C15u64);
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        while written < bytes {
            let g = given[(next() % given.len() as u64) as usize];
            let s = surnames[(next() % surnames.len() as u64) as usize];
            let line = match queries % 3 {
                0 => format!("{g} {s}\n"),
                1 => format!("{s} {g}\n"),
                _ => format!("{g} {s}ın\n"),
            };
            if w.write_all(line.as_bytes()).is_err() {
                break;
            }
            written += line.len() as u64;
            queries += 1;
        }
        let _ = w.flush();
        (written, queries)
    });
    let reader = std::thread::spawn(move || {
        let mut lines = 0u64;
        let mut r = BufReader::with_capacity(1 << 16, stdout);
        let mut buf = Vec::new();
        while r.read_until(b'\n', &mut buf).is_ok_and(|n| n > 0) {
            lines += 1;
            buf.clear();
        }
        lines
    });
    let status_path = format!("/proc/{pid}/status");
    let mut peak_kib = 0u64;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(&status_path) {
            if let Some(kib) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak_kib = peak_kib.max(kib);
            }
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => {
                eprintln!("stream_memory: {e}");
                return ExitCode::from(1);
            }
        }
    };
    let (written, queries) = writer.join().unwrap_or((0, 0));
    let answers = reader.join().unwrap_or(0);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "namelink resolve, built-in registry: {:.2} GiB in, {queries} queries, {answers} answer \
         lines, {secs:.0} s ({:.0} queries/s), peak RSS {:.1} MiB, exit {status}",
        written as f64 / f64::from(1u32 << 30),
        queries as f64 / secs,
        peak_kib as f64 / 1024.0
    );
    if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
