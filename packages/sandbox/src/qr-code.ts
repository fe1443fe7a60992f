import QRCode from 'qrcode';

/** How often Z-API's QR code changes; the sandbox's rotates on the same clock. */
export const QR_ROTATION_MS = 20_000;

/** The text a phone would scan for this instance now: it changes every `rotationMs` (20 s). */
export function qrCodeText(instanceId: string, now: number, rotationMs = QR_ROTATION_MS): string {
  return `2@zapikit-sandbox,${instanceId},${Math.floor(now / rotationMs)}`;
}

/** A real, scannable QR code as a PNG data URL. */
export function qrCodeDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 264 });
}

/** The same QR code as PNG bytes. */
export function qrCodePng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 2, width: 264 });
}
