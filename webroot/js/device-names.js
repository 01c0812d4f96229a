// Checked in order: Edge and Opera also say Chrome, Chrome also says Safari, and Android also says Linux.
const BROWSERS = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:Chrome|CriOS|HeadlessChrome)\//, 'Chrome'],
  [/\bChromium\//, 'Chromium'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];
const SYSTEMS = [
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
];

/**
 * A session's device as a person recognises it, from the User-Agent it signed in with: "Chrome on Linux",
 * "Safari on iOS". A client that is not a known browser (a bot, the phone app's HTTP library) is named by its first
 * product token ("curl", "okhttp").
 */
export function deviceName(userAgent) {
  const agent = userAgent || '';
  const browser = BROWSERS.find(([pattern]) => pattern.test(agent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(agent))?.[1];
  if (browser) {
    return system ? `${browser} on ${system}` : browser;
  }
  const product = /^[^\s/]+/.exec(agent)?.[0];
  if (product && product !== 'Mozilla') {
    return system ? `${product} on ${system}` : product;
  }
  return system ? `A browser on ${system}` : 'Unknown device';
}
