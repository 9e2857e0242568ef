// Optional camera at the door: reads QR codes from the video with the browser's BarcodeDetector
// where it exists (Chromium on most platforms) and with jsQR (pure JavaScript, no WebAssembly and
// no network, so it works offline under the page's CSP) where it does not. The same code is not
// reported twice in a row within a few seconds, so a ticket held in front of the camera is one scan.
import { useEffect, useRef, useState } from 'react';

interface Detector { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }
type DetectorCtor = new (opts: { formats: string[] }) => Detector;

export function CameraScanner({ onCode }: { onCode(text: string): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let lastText = '';
    let lastAt = 0;
    const report = (text: string) => {
      const now = Date.now();
      if (text === lastText && now - lastAt < 3000) return;
      lastText = text;
      lastAt = now;
      onCodeRef.current(text);
    };
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      } catch (e) {
        setError(`The camera is not available: ${String((e as Error)?.message ?? e)}`);
        return;
      }
      const v = video.current;
      if (!v || stopped) return;
      v.srcObject = stream;
      await v.play().catch(() => {});
      const Native = (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
      const native = Native ? new Native({ formats: ['qr_code'] }) : null;
      const jsQR = native ? null : (await import('jsqr')).default;
      const canvas = document.createElement('canvas');
      const ctx2d = canvas.getContext('2d', { willReadFrequently: true });
      const tick = async () => {
        if (stopped) return;
        try {
          if (v.readyState >= 2) {
            if (native) {
              const [hit] = await native.detect(v);
              if (hit?.rawValue) report(hit.rawValue);
            } else if (jsQR && ctx2d && v.videoWidth) {
              canvas.width = v.videoWidth;
              canvas.height = v.videoHeight;
              ctx2d.drawImage(v, 0, 0);
              const img = ctx2d.getImageData(0, 0, canvas.width, canvas.height);
              const hit = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
              if (hit?.data) report(hit.data);
            }
          }
        } catch {
          // A frame that cannot be read is skipped.
        }
        setTimeout(() => void tick(), 200);
      };
      void tick();
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);

  return (
    <div className="door-camera">
      {error ? <p className="state state--error" role="alert">{error}</p> : <video ref={video} muted playsInline aria-label="Camera" />}
    </div>
  );
}
