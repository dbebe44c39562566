use super::*;

fn lines(input: &[u8]) -> Vec<Line> {
    let mut r = std::io::BufReader::with_capacity(16, input);
    let mut out = Vec::new();
    while let Some(l) = read_line(&mut r).unwrap() {
        out.push(l);
    }
    out
}

#[test]
fn a_line_that_is_not_utf8_or_too_long_is_refused_and_the_next_one_read() {
    let long = vec![b'1'; MAX_LINE + 1];
    let mut input = b"\xff\n2\r\n\n".to_vec();
    input.extend_from_slice(&long);
    input.extend_from_slice(b"\nq");
    assert_eq!(
        lines(&input),
        [
            Line::NotUtf8,
            Line::Text("2".into()),
            Line::Text(String::new()),
            Line::TooLong(MAX_LINE + 1),
            Line::Text("q".into()),
        ]
    );
    // Exactly the limit is a line; a character split across reads is whole.
    let mut at_limit = vec![b'a'; MAX_LINE - 2];
    at_limit.extend_from_slice("é".as_bytes());
    assert_eq!(
        lines(&at_limit),
        [Line::Text(format!("{}é", "a".repeat(MAX_LINE - 2)))]
    );
    assert!(lines(b"").is_empty());
}
