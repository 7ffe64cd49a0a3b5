export function bundleForNode(entryPoint: string, outdir: string): Promise<string>;
export function buildWorker(outdir?: string): Promise<string>;
