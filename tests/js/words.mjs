// Splits texts into words with the real search client
// (themes/default/static/search-core.js), as the browser does, so that a
// test can compare them with the indexer's words (src/site/search/tokenize.rs).
//   node tests/js/words.mjs CORE_JS TEXT [TEXT...]
// Prints one JSON line: the client's INDEX_VERSION and each text's words.
import { readFile } from "node:fs/promises";
import vm from "node:vm";

const [core, ...texts] = process.argv.slice(2);
const context = vm.createContext({ TextDecoder, TextEncoder });
const source = await readFile(core, "utf8");
vm.runInContext(source, context, { filename: core });
const version = Number((source.match(/const INDEX_VERSION = (\d+);/) || [])[1]);
const words = texts.map((t) => Array.from(context.PolicybookSearch.words(t)));
console.log(JSON.stringify({ version, words }));
