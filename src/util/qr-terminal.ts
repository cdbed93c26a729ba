// A text (a login URL) as a QR code for the terminal, two rows of modules per line (the qrcode package's renderer).
import QRCode from 'qrcode';

/** The QR code of `text` in Unicode half blocks with the terminal's colours set, one string of lines. */
export function terminalQr(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}
