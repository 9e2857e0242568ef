// The door's sound: a short high tone for "admit", a low buzz for "stop" (Web Audio, no files).
let audio: AudioContext | null = null;

export function beep(ok: boolean): void {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = ok ? 'sine' : 'square';
    osc.frequency.value = ok ? 880 : 160;
    gain.gain.value = 0.08;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + (ok ? 0.15 : 0.4));
  } catch {
    // No audio device: the colour and the words still say it.
  }
}
