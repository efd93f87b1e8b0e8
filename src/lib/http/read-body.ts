/**
 * Reads a request body into memory, up to a limit and within a deadline.
 *
 * The form and event bodies are a few KB at most, so holding them whole is
 * cheap, and reading them here (not in Astro) lets the server refuse an
 * oversized or stalled body with a clear status before any page code runs.
 */
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; reason: 'too-large' | 'timeout' | 'aborted' };

export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;

    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      // Stop taking bytes we will not use; TCP flow control then slows the sender.
      if (!result.ok) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish({ ok: false, reason: 'too-large' });
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, size) });
    // A reset connection is a person closing the tab, not a server fault.
    const onError = () => finish({ ok: false, reason: 'aborted' });
    const onClose = () => {
      if (!req.complete) finish({ ok: false, reason: 'aborted' });
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeoutMs);

    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
