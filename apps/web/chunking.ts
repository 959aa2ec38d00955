import type { Plugin } from 'vite';

/**
 * Fewer requests for a page. Left to itself the bundler gives every set of modules that a different set of
 * pages shares a chunk of its own: about 90 lazy chunks, half of them under 1 kB gzip, and a phone fetched 40
 * files for "My sessions", six at a time over HTTP/1.1, each costing a round trip on a slow network. Here:
 * - what the entry needs stays in the entry (the `$initial` modules: `index.html`'s script and everything it
 *   imports statically), one file, as before;
 * - every other module that two or more chunks share (Mantine's components, the shared components, the
 *   client's helpers) is one `shared` chunk, fetched once with the first page and cached for every other;
 * - what one page alone uses stays in that page's chunk.
 * A page is then the entry, the shell, the messages, `shared` and its own chunk. Splitting `shared` further by
 * the pages that use it (rolldown's `entriesAware`) gave chunks that import each other in a cycle, which broke
 * the app at start-up.
 *
 * Measured with Lighthouse (simulated slow 4G, 4× slower CPU): see docs/benchmarks.md, "Notes on the web figures".
 */
export function chunking(): Plugin {
  return {
    name: 'roundtable:chunking',
    apply: 'build',
    config: () => ({
      build: {
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                { name: 'index', tags: ['$initial'], priority: 2 },
                { name: 'shared', minShareCount: 2, priority: 1 },
              ],
            },
          },
        },
      },
    }),
  };
}
