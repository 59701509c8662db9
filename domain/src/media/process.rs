//! Decoding, checking and re-encoding uploaded images. Pure functions over bytes: no database, no
//! files. The format is read from the bytes themselves, never from a file name or a declared
//! content type; the decoder is bounded before it allocates, so a small file that claims to be a
//! huge picture (an "image bomb") is refused from its header; and the output is encoded afresh,
//! so nothing of the original file but its pixels survives (no EXIF, GPS, XMP or comments). An
//! embedded colour profile is applied, converting the pixels to sRGB, and then dropped too.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageError, ImageFormat,
    ImageReader, Limits,
};

use super::Purpose;

/// The largest upload accepted, in bytes (10 MiB).
pub const UPLOAD_MAX_BYTES: usize = 10 * 1024 * 1024;
/// The largest width or height accepted at decoding.
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels accepted at decoding: 50 megapixels, above any phone's usual photo.
pub const MAX_PIXELS: u64 = 50_000_000;
/// The most memory the decoded picture may take (50 megapixels of 8-bit RGBA fit).
pub const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;
/// Longest side of a content image once resized.
pub const CONTENT_MAX_SIDE: u32 = 2048;
/// Side of the square an avatar is cropped and resized to.
pub const AVATAR_SIDE: u32 = 512;
/// Widest (and tallest) a banner is kept.
pub const BANNER_MAX_SIDE: u32 = 1600;
/// JPEG quality of the re-encoded photos.
pub const JPEG_QUALITY: u8 = 85;

/// The stored form of an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Jpeg,
    Png,
}

impl Output {
    pub fn content_type(self) -> &'static str {
        match self {
            Output::Jpeg => "image/jpeg",
            Output::Png => "image/png",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Output::Jpeg => "jpg",
            Output::Png => "png",
        }
    }
}

/// An image ready to store.
#[derive(Debug, Clone)]
pub struct Processed {
    pub bytes: Vec<u8>,
    pub format: Output,
    pub width: u32,
    pub height: u32,
}

/// Why an upload was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Not a JPEG, PNG, WebP or GIF image by its content (a text, a PDF, an SVG, HEIC...).
    #[error("not an image in an accepted format (JPEG, PNG, WebP, GIF)")]
    NotAnImage,
    /// Bigger than the limits allow once decoded (including image bombs).
    #[error("the image has too many pixels")]
    TooLarge,
    /// Looks like an accepted format but cannot be decoded (truncated, damaged).
    #[error("the image could not be read: {0}")]
    Corrupt(String),
    /// More bytes than an upload may have.
    #[error("the file is larger than {UPLOAD_MAX_BYTES} bytes")]
    FileTooLarge,
}

fn refusal(e: ImageError) -> Refusal {
    match e {
        ImageError::Limits(_) => Refusal::TooLarge,
        ImageError::Unsupported(_) => Refusal::NotAnImage,
        other => Refusal::Corrupt(other.to_string()),
    }
}

/// Decodes `data` (by its content), applies its EXIF orientation, resizes it for `purpose` and
/// re-encodes it: JPEG for opaque pictures, PNG when some pixel is transparent.
pub fn process(data: &[u8], purpose: Purpose) -> Result<Processed, Refusal> {
    if data.len() > UPLOAD_MAX_BYTES {
        return Err(Refusal::FileTooLarge);
    }
    let mut reader = ImageReader::new(Cursor::new(data))
        .with_guessed_format()
        .map_err(|e| Refusal::Corrupt(e.to_string()))?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif) => {}
        _ => return Err(Refusal::NotAnImage),
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    // Reading the header is all `into_decoder` does; the limits are checked against it before
    // any pixel buffer exists.
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(Refusal::Corrupt("the image has no pixels".into()));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS
        || decoder.total_bytes() > MAX_DECODED_BYTES
    {
        return Err(Refusal::TooLarge);
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut img = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    img.apply_orientation(orientation);
    let img = to_srgb(resize(img, purpose), icc.as_deref());
    encode(&img).map_err(refusal)
}

/// Shrinks (never enlarges) to the purpose's size.
fn resize(img: DynamicImage, purpose: Purpose) -> DynamicImage {
    let fit = |img: DynamicImage, max: u32| {
        if img.width() > max || img.height() > max {
            img.resize(max, max, FilterType::Lanczos3)
        } else {
            img
        }
    };
    match purpose {
        Purpose::Content => fit(img, CONTENT_MAX_SIDE),
        Purpose::Banner => fit(img, BANNER_MAX_SIDE),
        Purpose::Avatar => {
            let side = img.width().min(img.height());
            let square = img.crop_imm(
                (img.width() - side) / 2,
                (img.height() - side) / 2,
                side,
                side,
            );
            fit(square, AVATAR_SIDE)
        }
    }
}

/// Converts pixels described by an embedded ICC profile (a phone's Display P3, say) to sRGB, which
/// is what browsers assume for an image without a profile. A profile that cannot be read, or is
/// not an RGB one, is ignored: the pixels are taken as sRGB.
fn to_srgb(img: DynamicImage, icc: Option<&[u8]>) -> DynamicImage {
    use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};
    let Some(profile) = icc.and_then(|icc| ColorProfile::new_from_slice(icc).ok()) else {
        return img;
    };
    if profile.color_space != DataColorSpace::Rgb {
        return img;
    }
    let srgb = ColorProfile::new_srgb();
    let (width, height) = (img.width(), img.height());
    let options = TransformOptions::default();
    let converted = if img.color().has_alpha() {
        let rgba = img.to_rgba8();
        let mut out = vec![0u8; rgba.as_raw().len()];
        profile
            .create_transform_8bit(Layout::Rgba, &srgb, Layout::Rgba, options)
            .and_then(|t| t.transform(rgba.as_raw(), &mut out))
            .ok()
            .and_then(|()| image::RgbaImage::from_raw(width, height, out))
            .map(DynamicImage::ImageRgba8)
    } else {
        let rgb = img.to_rgb8();
        let mut out = vec![0u8; rgb.as_raw().len()];
        profile
            .create_transform_8bit(Layout::Rgb, &srgb, Layout::Rgb, options)
            .and_then(|t| t.transform(rgb.as_raw(), &mut out))
            .ok()
            .and_then(|()| image::RgbImage::from_raw(width, height, out))
            .map(DynamicImage::ImageRgb8)
    };
    converted.unwrap_or(img)
}

/// Whether any pixel is not fully opaque.
fn is_transparent(img: &DynamicImage) -> bool {
    if !img.color().has_alpha() {
        return false;
    }
    match img {
        DynamicImage::ImageRgba8(buf) => buf.pixels().any(|p| p.0[3] < u8::MAX),
        DynamicImage::ImageLumaA8(buf) => buf.pixels().any(|p| p.0[1] < u8::MAX),
        other => other.to_rgba8().pixels().any(|p| p.0[3] < u8::MAX),
    }
}

fn encode(img: &DynamicImage) -> Result<Processed, ImageError> {
    let (width, height) = (img.width(), img.height());
    let mut bytes = Vec::new();
    let format = if is_transparent(img) {
        let rgba = img.to_rgba8();
        PngEncoder::new_with_quality(&mut bytes, CompressionType::Default, PngFilter::Adaptive)
            .write_image(rgba.as_raw(), width, height, ExtendedColorType::Rgba8)?;
        Output::Png
    } else {
        let rgb = img.to_rgb8();
        JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY).write_image(
            rgb.as_raw(),
            width,
            height,
            ExtendedColorType::Rgb8,
        )?;
        Output::Jpeg
    };
    Ok(Processed {
        bytes,
        format,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    /// A big-endian EXIF (TIFF) block with an orientation and a GPS position.
    fn exif(orientation: u16) -> Vec<u8> {
        let mut e = b"MM\0\x2a\0\0\0\x08".to_vec();
        // IFD0: two entries, then the offset of the next IFD (none).
        e.extend_from_slice(&2u16.to_be_bytes());
        e.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
        e.extend_from_slice(&orientation.to_be_bytes());
        e.extend_from_slice(&[0, 0]);
        let gps_at = 8 + 2 + 2 * 12 + 4;
        e.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]);
        e.extend_from_slice(&(gps_at as u32).to_be_bytes());
        e.extend_from_slice(&[0, 0, 0, 0]);
        // GPS IFD: latitude reference "N".
        e.extend_from_slice(&1u16.to_be_bytes());
        e.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
        e.extend_from_slice(&[0, 0, 0, 0]);
        e
    }

    fn jpeg(width: u32, height: u32, exif: Option<Vec<u8>>) -> Vec<u8> {
        let img = RgbImage::from_fn(width, height, |x, _| Rgb([(x % 256) as u8, 90, 200]));
        let mut out = Vec::new();
        let mut enc = JpegEncoder::new_with_quality(&mut out, 90);
        if let Some(exif) = exif {
            enc.set_exif_metadata(exif).unwrap();
        }
        enc.write_image(img.as_raw(), width, height, ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    fn png_rgba(width: u32, height: u32, alpha: u8) -> Vec<u8> {
        let img = RgbaImage::from_pixel(width, height, Rgba([10, 200, 30, alpha]));
        let mut out = Vec::new();
        PngEncoder::new(&mut out)
            .write_image(img.as_raw(), width, height, ExtendedColorType::Rgba8)
            .unwrap();
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_photo_is_turned_upright_and_loses_its_exif() {
        let input = jpeg(60, 30, Some(exif(6)));
        assert!(contains(&input, b"Exif\0\0"));
        let out = process(&input, Purpose::Content).unwrap();
        assert_eq!(out.format, Output::Jpeg);
        // Orientation 6: shown rotated a quarter turn, so width and height swap.
        assert_eq!((out.width, out.height), (30, 60));
        assert!(!contains(&out.bytes, b"Exif"));
        assert!(!contains(&out.bytes, b"MM\0\x2a"));
        let back = image::load_from_memory(&out.bytes).unwrap();
        assert_eq!((back.width(), back.height()), (30, 60));
    }

    #[test]
    fn colour_profiles_are_applied_then_dropped() {
        let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
        let colour = |icc: Option<Vec<u8>>| {
            let img = RgbImage::from_pixel(32, 32, Rgb([200, 100, 50]));
            let mut input = Vec::new();
            let mut enc = JpegEncoder::new_with_quality(&mut input, 100);
            if let Some(icc) = icc {
                enc.set_icc_profile(icc).unwrap();
            }
            enc.write_image(img.as_raw(), 32, 32, ExtendedColorType::Rgb8)
                .unwrap();
            let out = process(&input, Purpose::Content).unwrap();
            assert!(!contains(&out.bytes, b"ICC_PROFILE"));
            image::load_from_memory(&out.bytes)
                .unwrap()
                .to_rgb8()
                .get_pixel(16, 16)
                .0
        };
        let plain = colour(None);
        let from_p3 = colour(Some(p3));
        // Untagged pixels are kept; Display P3's orange is a more saturated sRGB one.
        assert!(
            plain[0].abs_diff(200) <= 3 && plain[1].abs_diff(100) <= 3,
            "{plain:?}"
        );
        assert!(from_p3[0] > plain[0] + 8, "{from_p3:?} vs {plain:?}");
        assert!(from_p3[2] < plain[2], "{from_p3:?} vs {plain:?}");
    }

    #[test]
    fn transparency_keeps_png_and_opaque_pictures_become_jpeg() {
        let out = process(&png_rgba(20, 10, 100), Purpose::Content).unwrap();
        assert_eq!(out.format, Output::Png);
        assert!(out.bytes.starts_with(b"\x89PNG"));
        let out = process(&png_rgba(20, 10, 255), Purpose::Content).unwrap();
        assert_eq!(out.format, Output::Jpeg);
        assert!(out.bytes.starts_with(&[0xFF, 0xD8]));
    }

    #[test]
    fn sizes_follow_the_purpose_and_never_grow() {
        let wide = jpeg(3000, 1000, None);
        let content = process(&wide, Purpose::Content).unwrap();
        assert_eq!((content.width, content.height), (2048, 683));
        let banner = process(&wide, Purpose::Banner).unwrap();
        assert_eq!((banner.width, banner.height), (1600, 533));
        let avatar = process(&wide, Purpose::Avatar).unwrap();
        assert_eq!((avatar.width, avatar.height), (512, 512));
        let small = jpeg(300, 100, None);
        let avatar = process(&small, Purpose::Avatar).unwrap();
        assert_eq!((avatar.width, avatar.height), (100, 100));
        let content = process(&small, Purpose::Content).unwrap();
        assert_eq!((content.width, content.height), (300, 100));
    }

    #[test]
    fn other_formats_are_read_by_content_not_name() {
        let img = RgbImage::from_pixel(8, 6, Rgb([1, 2, 3]));
        for format in [ImageFormat::Gif, ImageFormat::WebP] {
            let mut out = Cursor::new(Vec::new());
            DynamicImage::ImageRgb8(img.clone())
                .to_rgba8()
                .write_to(&mut out, format)
                .unwrap();
            let done = process(out.get_ref(), Purpose::Content).unwrap();
            assert_eq!((done.width, done.height), (8, 6), "{format:?}");
        }
        for not_image in [
            &b"hello, this is a text file named photo.jpg"[..],
            b"%PDF-1.7\n1 0 obj << >> endobj",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0",
            b"",
        ] {
            assert_eq!(
                process(not_image, Purpose::Content).unwrap_err(),
                Refusal::NotAnImage
            );
        }
    }

    /// A PNG whose header claims `width` x `height` with a tiny (wrong) IDAT.
    fn png_header_only(width: u32, height: u32) -> Vec<u8> {
        fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let start = out.len();
            out.extend_from_slice(kind);
            out.extend_from_slice(data);
            let crc = crc32(&out[start..]);
            out.extend_from_slice(&crc.to_be_bytes());
        }
        fn crc32(bytes: &[u8]) -> u32 {
            let mut crc = 0xFFFF_FFFFu32;
            for b in bytes {
                crc ^= u32::from(*b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        // zlib of nothing: far too short for the claimed size.
        chunk(
            &mut out,
            b"IDAT",
            &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        );
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn bombs_are_refused_from_their_header_and_damage_is_reported() {
        assert_eq!(
            process(&png_header_only(30_000, 30_000), Purpose::Content).unwrap_err(),
            Refusal::TooLarge
        );
        // Within each side's limit but too many pixels in all.
        assert_eq!(
            process(&png_header_only(10_000, 9_000), Purpose::Content).unwrap_err(),
            Refusal::TooLarge
        );
        assert!(matches!(
            process(&png_header_only(64, 64), Purpose::Content).unwrap_err(),
            Refusal::Corrupt(_)
        ));
        let mut truncated = jpeg(64, 64, None);
        truncated.truncate(truncated.len() / 3);
        assert!(matches!(
            process(&truncated, Purpose::Content).unwrap_err(),
            Refusal::Corrupt(_)
        ));
        assert_eq!(
            process(&vec![0u8; UPLOAD_MAX_BYTES + 1], Purpose::Content).unwrap_err(),
            Refusal::FileTooLarge
        );
    }
}
