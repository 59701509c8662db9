//! The instance's look: its name and its main colour, which the web client applies.
//!
//! The colour fills headers and primary buttons under white text, and colours links on white, so
//! it must reach WCAG AA's 4.5:1 contrast with white; a colour that does not is refused at
//! start, with its ratio, rather than shipped to residents who could not read it.

use anyhow::bail;

/// WCAG 2.1 AA for normal text.
const MIN_CONTRAST: f64 = 4.5;

/// `#rrggbb` as red, green and blue.
pub fn parse_hex(color: &str) -> Option<[u8; 3]> {
    let hex = color.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2.1 relative luminance.
fn luminance(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// The contrast ratio of white against `rgb` (1 to 21).
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    1.05 / (luminance(rgb) + 0.05)
}

/// Checks a configured theme colour.
pub fn check(color: &str) -> anyhow::Result<()> {
    let Some(rgb) = parse_hex(color) else {
        bail!("theme_color must be a colour written #rrggbb, e.g. #0b5e3b; got {color:?}");
    };
    let ratio = contrast_with_white(rgb);
    if ratio < MIN_CONTRAST {
        bail!(
            "theme_color {color} has a contrast of {ratio:.1}:1 with white text; WCAG AA needs \
             {MIN_CONTRAST}:1, so residents could not read buttons and links: choose a darker colour"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 0.01);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 0.01);
        // bootstrap-italia's primary blue, #0066cc: 5.57:1 by the WCAG formula.
        assert!((contrast_with_white([0x00, 0x66, 0xcc]) - 5.57).abs() < 0.01);
    }

    #[test]
    fn readable_colours_pass_and_others_are_refused_with_the_reason() {
        check("#0b5e3b").unwrap();
        check("#0066CC").unwrap();
        let light = check("#ffcc00").unwrap_err().to_string();
        assert!(
            light.contains("1.5:1") && light.contains("darker"),
            "{light}"
        );
        for bad in ["0b5e3b", "#0b5e3", "#0b5e3bb", "#gggggg", "green", ""] {
            let e = check(bad).unwrap_err().to_string();
            assert!(e.contains("#rrggbb"), "{bad}: {e}");
        }
    }
}
