import { Worker } from 'node:worker_threads';
import { PARSE_WORKER_HEAP_MB } from '../document-limits';

/**
 * PDF and HTML are read in a worker thread, never in the server's own thread: pdf.js and a DOM
 * parser do their work synchronously in long stretches, and a hostile file (a PDF bomb, deeply
 * nested HTML) could hold the event loop or the heap. The worker has its own small heap
 * (PARSE_WORKER_HEAP_MB) and is terminated when the parse passes its time limit.
 *
 * The worker's code is plain JavaScript evaluated in the thread (no file to compile or locate at
 * run time, under jest or from dist/); it loads the libraries from the paths resolved here.
 */

export type ParseOutcome =
  | { ok: true; text: string; title?: string }
  | { ok: false; problem: 'encrypted' | 'unreadable' | 'timeout' | 'too-large' };

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const BLOCKS = new Set(['ADDRESS','ARTICLE','ASIDE','BLOCKQUOTE','DD','DIV','DL','DT','FIELDSET','FIGCAPTION','FIGURE','FOOTER',
  'FORM','H1','H2','H3','H4','H5','H6','HEADER','HR','LI','MAIN','NAV','OL','P','PRE','SECTION','TABLE','TD','TH','TR','UL']);
const DROPPED = 'script,style,noscript,template,iframe,object,embed,svg,math,canvas,button,select,textarea';

/* The text of an element: text nodes only (never attributes, so no event handler or URL), a blank
   line around blocks, whitespace collapsed as a browser renders it (kept inside <pre>). */
function textOf(root) {
  const parts = [];
  const walk = (node, pre) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) parts.push(pre ? child.data : child.data.replace(/\s+/g, ' '));
      else if (child.nodeType === 1) {
        const tag = child.tagName.toUpperCase();
        if (tag === 'BR') { parts.push('\n'); continue; }
        const block = BLOCKS.has(tag);
        if (block) parts.push('\n\n');
        walk(child, pre || tag === 'PRE');
        if (block) parts.push('\n\n');
      }
    }
  };
  walk(root, false);
  return parts.join('').split('\n').map((line) => line.replace(/^ +| +$/g, '')).join('\n')
    .replace(/\n{3,}/g, '\n\n').trim();
}

function readHtml(html) {
  const { parseHTML } = require(workerData.paths.linkedom);
  const { Readability } = require(workerData.paths.readability);
  const { document } = parseHTML(html);
  for (const node of document.querySelectorAll(DROPPED)) node.remove();
  const title = (document.title || '').trim();
  let article = null;
  try { article = new Readability(document).parse(); } catch { article = null; }
  if (article && article.content) {
    const text = textOf(parseHTML('<!doctype html><html><body>' + article.content + '</body></html>').document.body);
    if (text) return { ok: true, text, title: (article.title || title).trim() || undefined };
  }
  /* Readability keeps nothing of a page it does not take for an article: then the whole body. */
  const again = parseHTML(html).document;
  for (const node of again.querySelectorAll(DROPPED)) node.remove();
  return { ok: true, text: again.body ? textOf(again.body) : '', title: title || undefined };
}

async function readPdf(bytes) {
  const unpdf = require(workerData.paths.unpdf);
  let pdf;
  try { pdf = await unpdf.getDocumentProxy(bytes); }
  catch (error) { return { ok: false, problem: error && error.name === 'PasswordException' ? 'encrypted' : 'unreadable' }; }
  const { text } = await unpdf.extractText(pdf, { mergePages: false });
  let title;
  try { const meta = await unpdf.getMeta(pdf); title = meta.info && typeof meta.info.Title === 'string' ? meta.info.Title.trim() : undefined; }
  catch { title = undefined; }
  return { ok: true, text: text.map((page) => page.trim()).filter(Boolean).join('\n\n'), title: title || undefined };
}

(async () => {
  try {
    const outcome = workerData.format === 'PDF' ? await readPdf(workerData.bytes) : readHtml(workerData.html);
    parentPort.postMessage(outcome);
  } catch {
    parentPort.postMessage({ ok: false, problem: 'unreadable' });
  }
})();
`;

const LIBRARIES = {
  unpdf: require.resolve('unpdf'),
  linkedom: require.resolve('linkedom'),
  readability: require.resolve('@mozilla/readability'),
};

/** Reads a PDF (bytes) or an HTML page (text) in a bounded worker: its text and title, or the problem. */
export function parseInWorker(
  input: { format: 'PDF'; bytes: Uint8Array } | { format: 'HTML'; html: string },
  timeoutMs: number,
): Promise<ParseOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...input, paths: LIBRARIES },
      resourceLimits: { maxOldGenerationSizeMb: PARSE_WORKER_HEAP_MB },
      stdout: true, // pdf.js warns on the console ("Indexing all PDF objects"): not the server's log
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (outcome: ParseOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, problem: 'timeout' }), timeoutMs);
    worker.on('message', (outcome: ParseOutcome) => finish(outcome));
    // ERR_WORKER_OUT_OF_MEMORY past the heap; any other crash of the parser is the file's fault too.
    worker.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, problem: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'too-large' : 'unreadable' }),
    );
    worker.on('exit', () => finish({ ok: false, problem: 'unreadable' }));
  });
}
