//! The QR code on the TOTP enrolment page, drawn as inline SVG on the server.
//!
//! An authenticator app scans the `otpauth://` URI instead of someone typing the secret. The
//! code is drawn here rather than by an image service or a script: the secret must never leave
//! the page (no external request), and the page works without JavaScript under the strict CSP.
//! The `qrcode` crate gives only the module matrix; the SVG is the enrolment template, one
//! path of dark runs, so nothing is spliced into markup by hand.

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// Blank modules around the code, as the QR standard asks, so scanners find its edges.
const QUIET_ZONE: usize = 4;

/// A QR code ready for the template's `<svg>`.
pub struct QrSvg {
    /// The side of the `viewBox`, in modules (quiet zone included).
    pub size: usize,
    /// The SVG path of the dark modules: one `M x y h n v 1 h -n z` per horizontal run.
    pub path: String,
}

/// The QR code of `text` (medium error correction), or `None` if it is too long for any
/// version; the page then shows the secret and the URI as text only.
pub fn qr_svg(text: &str) -> Option<QrSvg> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                let (px, py) = (start + QUIET_ZONE, y + QUIET_ZONE);
                let _ = write!(path, "M{px} {py}h{run}v1h-{run}z");
            } else {
                x += 1;
            }
        }
    }
    Some(QrSvg {
        size: width + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_totp_uri_fits_and_each_run_is_one_path_segment() {
        let uri =
            "otpauth://totp/Libertas:ana?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Libertas";
        let qr = qr_svg(uri).unwrap();
        assert!(qr.size > 21 + 2 * QUIET_ZONE);
        assert!(
            qr.path.starts_with("M4 4h7v1h-7z"),
            "the finder pattern's top row"
        );
        assert!(qr
            .path
            .chars()
            .all(|c| c.is_ascii_digit() || "Mhvz -".contains(c)));
    }
}
