// The PWA is a single-page app: every page renders on the device, so it works offline.
export const ssr = false;
export const prerender = false;
