/**
 * The argument array for ffmpeg (spawned without a shell).
 * Logging is `level+info`: stream info for SourceInfo, each line tagged so errors can be told apart.
 * The input is `file:<absolute path>`:
 * the `file:` protocol prefix means no name is ever read as an option (`-x`), a protocol
 * (`http:…`, `concat:…`) or a pattern, and quotes, spaces, `$(…)` and unicode are just bytes.
 */
export function ffmpegInputArgs(absolutePath: string): string[] {
  return ['-nostdin', '-hide_banner', '-nostats', '-loglevel', 'level+info', '-i', `file:${absolutePath}`];
}

export interface PcmOutputOptions {
  /** Stop after this many seconds of audio. Default: the whole stream. */
  maxSeconds?: number;
}

/**
 * Decode the first audio stream to 32-bit float WAV on stdout, at the file's own rate and with its
 * own channels: mix-down and resampling happen in serkit, exactly as for the in-process decoders,
 * so both paths give the same samples. WAV (not raw f32le) because its header tells the rate and
 * channel count without a separate probe. `-bitexact` keeps metadata chunks out of the header.
 */
export function ffmpegPcmArgs(absolutePath: string, options: PcmOutputOptions = {}): string[] {
  return [
    ...ffmpegInputArgs(absolutePath),
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    ...(options.maxSeconds === undefined ? [] : ['-t', String(options.maxSeconds)]),
    '-c:a',
    'pcm_f32le',
    '-f',
    'wav',
    '-bitexact',
    'pipe:1',
  ];
}
