// The kernel module made at build time by scripts/vite-plugins.ts (periodEndKernel).
declare module 'virtual:period-end-kernel' {
  /** The WebAssembly module's bytes, base64. */
  const kernel: string;
  export default kernel;
}
