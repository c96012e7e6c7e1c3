/**
 * Turns the error of `import('@tensorflow/tfjs-node[-gpu]')` into a reason a user can act on.
 * The usual causes: the optional package is not installed; its install script (which downloads
 * libtensorflow) was blocked or failed; or, for the GPU build, the CUDA libraries it was built
 * against are missing — tfjs-node-gpu 4.22 bundles libtensorflow 2.9.1, which needs CUDA 11.2 and
 * cuDNN 8.1 (a CUDA 12 machine has no `libcudart.so.11.0`).
 */
export function explainTfjsNodeLoadError(packageName: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const gpu = packageName.endsWith('-gpu');
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(`'${packageName}'`)) {
    return `${packageName} is not installed (optional: npm install ${packageName}; see packages/train/BACKENDS.md)`;
  }
  if (/tfjs_binding\.node/.test(message) && /Cannot find module|no such file/i.test(message)) {
    return `${packageName} is installed but its native binding is missing: its install script (which downloads libtensorflow) did not run or failed — npm 11 blocks install scripts unless package.json "allowScripts" approves "${packageName}"`;
  }
  const missingLib = /(lib[\w+.-]+\.so(?:\.[\d.]+)?): cannot open shared object file/.exec(message)?.[1];
  if (missingLib !== undefined) {
    if (gpu && /^lib(cudart|cublas|cublasLt|cufft|curand|cusolver|cusparse|cudnn)/.test(missingLib)) {
      return `${missingLib} missing: tfjs-node-gpu 4.22 bundles libtensorflow 2.9.1, which needs CUDA 11.2 and cuDNN 8.1 (a CUDA 12 install does not provide ${missingLib}); install CUDA 11.2 + cuDNN 8.1 or use --backend node/native/wasm`;
    }
    return `${missingLib} missing: ${packageName}'s libtensorflow cannot load (${firstLine(message)})`;
  }
  return `${packageName} failed to load: ${firstLine(message)}`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0].slice(0, 300);
}
