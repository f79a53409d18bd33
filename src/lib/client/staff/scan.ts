import jsQR from 'jsqr';

/*
 * Reading a QR code from the tablet's camera: the browser's BarcodeDetector where it has one,
 * otherwise jsQR on the video's frames. decodeQr is the same function the tests run on a picture
 * of the visitor's pass.
 */

export function decodeQr(pixels: { data: Uint8ClampedArray; width: number; height: number }): string | null {
	const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
	return found?.data ?? null;
}

interface DetectedBarcode {
	rawValue: string;
}
interface BarcodeDetectorLike {
	detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function barcodeDetector(): BarcodeDetectorLike | null {
	const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
	if (!Detector) return null;
	try {
		return new Detector({ formats: ['qr_code'] });
	} catch {
		return null;
	}
}

export function canUseCamera(): boolean {
	return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

/**
 * Starts the back camera in `video` and calls `onCode` with each code read (the caller stops
 * when it has one). Returns the function that stops the camera; throws if there is no camera.
 */
export async function startScanning(video: HTMLVideoElement, onCode: (text: string) => void): Promise<() => void> {
	const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
	video.srcObject = stream;
	video.muted = true;
	video.setAttribute('playsinline', '');
	await video.play();
	const detector = barcodeDetector();
	const canvas = document.createElement('canvas');
	const context = canvas.getContext('2d', { willReadFrequently: true });
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;

	const frame = async () => {
		if (stopped) return;
		try {
			let text: string | null = null;
			if (detector) {
				text = (await detector.detect(video))[0]?.rawValue ?? null;
			} else if (context && video.videoWidth > 0) {
				canvas.width = video.videoWidth;
				canvas.height = video.videoHeight;
				context.drawImage(video, 0, 0, canvas.width, canvas.height);
				text = decodeQr(context.getImageData(0, 0, canvas.width, canvas.height));
			}
			if (text && !stopped) onCode(text);
		} catch {
			// A frame that could not be read: try the next one.
		}
		if (!stopped) timer = setTimeout(() => void frame(), 200);
	};
	void frame();

	return () => {
		stopped = true;
		if (timer) clearTimeout(timer);
		for (const track of stream.getTracks()) track.stop();
		video.srcObject = null;
	};
}
