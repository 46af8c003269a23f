//! StreamNook's stdio framing: `Content-Length: N\r\n\r\n` followed by N bytes of JSON, at most
//! 4 MiB per frame in either direction (the host treats anything else as a protocol violation).

use std::io::{self, BufRead, Read, Write};

pub const MAX_FRAME_BYTES: usize = 4 * 1024 * 1024;

pub enum Incoming {
    Frame(Vec<u8>),
    /// A frame over the size limit; its body was read and dropped.
    TooLarge(usize),
    /// The host closed stdin between frames.
    End,
}

/// Reads one frame. A malformed header cannot be resynchronised, so it is an error.
pub fn read_frame<R: BufRead>(reader: &mut R) -> io::Result<Incoming> {
    let mut length: Option<usize> = None;
    let mut started = false;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return if started { Err(invalid("end of input inside a frame header")) } else { Ok(Incoming::End) };
        }
        started = true;
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').ok_or_else(|| invalid("malformed frame header line"))?;
        // Other headers are ignored, as the host does, for forward compatibility.
        if name.trim().eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse().map_err(|_| invalid("invalid Content-Length"))?);
        }
    }
    let length = length.ok_or_else(|| invalid("frame without Content-Length"))?;
    if length > MAX_FRAME_BYTES {
        io::copy(&mut reader.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Incoming::TooLarge(length));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Incoming::Frame(body))
}

/// Writes one frame; refuses bodies over the limit rather than sending a violation.
pub fn write_frame<W: Write>(writer: &mut W, body: &str) -> io::Result<()> {
    if body.len() > MAX_FRAME_BYTES {
        return Err(invalid("outgoing frame over 4 MiB"));
    }
    write!(writer, "Content-Length: {}\r\n\r\n", body.len())?;
    writer.write_all(body.as_bytes())?;
    writer.flush()
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn body(incoming: Incoming) -> Vec<u8> {
        match incoming {
            Incoming::Frame(body) => body,
            _ => panic!("expected a frame"),
        }
    }

    #[test]
    fn reads_consecutive_frames_with_extra_headers() {
        let mut input = Cursor::new(b"Content-Length: 2\r\n\r\n{}content-length:4\r\nX-Other: 1\r\n\r\nnull".to_vec());
        assert_eq!(body(read_frame(&mut input).unwrap()), b"{}");
        assert_eq!(body(read_frame(&mut input).unwrap()), b"null");
        assert!(matches!(read_frame(&mut input).unwrap(), Incoming::End));
    }

    #[test]
    fn skips_an_oversized_frame_and_rejects_bad_headers() {
        let big = MAX_FRAME_BYTES + 1;
        let mut data = format!("Content-Length: {big}\r\n\r\n").into_bytes();
        data.extend(std::iter::repeat(b' ').take(big));
        data.extend(b"Content-Length: 2\r\n\r\n[]");
        let mut input = Cursor::new(data);
        assert!(matches!(read_frame(&mut input).unwrap(), Incoming::TooLarge(n) if n == big));
        assert_eq!(body(read_frame(&mut input).unwrap()), b"[]");
        assert!(read_frame(&mut Cursor::new(b"garbage\r\n\r\n".to_vec())).is_err());
        assert!(read_frame(&mut Cursor::new(b"Content-Length: x\r\n\r\n".to_vec())).is_err());
    }

    #[test]
    fn writes_the_header() {
        let mut out = Vec::new();
        write_frame(&mut out, "{\"a\":\"é\"}").unwrap();
        assert_eq!(out, "Content-Length: 10\r\n\r\n{\"a\":\"é\"}".as_bytes());
    }
}
