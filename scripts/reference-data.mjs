#!/usr/bin/env node
// Converts an unpacked @etalab/decoupage-administratif package into the compact CSV files that
// db.migration.R__Territory_reference_data loads. No npm dependencies on purpose: it must run on a bare Node.
//
// Usage: node scripts/reference-data.mjs <unpacked package dir> <output dir> [<npm pack --json file>]
// Normally run through scripts/refresh-reference-data.sh.
//
// Every row is validated here rather than at load time, so that bad upstream data fails the refresh on a
// developer machine instead of the application start in production.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [packageDir, outputDir, packJsonFile] = process.argv.slice(2);
if (!packageDir || !outputDir) {
  console.error('usage: node scripts/reference-data.mjs <unpacked package dir> <output dir> [<npm pack --json file>]');
  process.exit(2);
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const pkg = readJson(join(packageDir, 'package.json'));
const data = (name) => readJson(join(packageDir, 'data', name));

function check(condition, message) {
  if (!condition) {
    console.error(`reference-data: ${message}`);
    process.exit(1);
  }
}

check(pkg.name === '@etalab/decoupage-administratif', `unexpected package ${pkg.name}`);
// Shipping the data in our jar is only fine while the licence allows it.
check(pkg.license === 'MIT', `licence is now ${pkg.license}, not MIT: check it before shipping the data`);

// Same rule as the CHECK on commune.insee_code in V1__territory.sql.
const INSEE_CODE = /^((0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5])\d{3}|2[AB]\d{3}|9[78]\d{3})$/;
const DEPARTEMENT_CODE = /^(\d{2}|2[AB]|9[78]\d)$/;
const REGION_CODE = /^\d{2,3}$/;
const EPCI_CODE = /^\d{9}$/; // SIREN
const POSTAL_CODE = /^\d{5}$/;

// RFC 4180: quote a field only when it needs it; lines end with LF (PostgreSQL's CSV reader accepts both).
function field(value) {
  if (value === null || value === undefined) {
    return ''; // unquoted empty field = NULL for COPY ... (FORMAT csv)
  }
  const text = String(value);
  check(text === text.trim() && text.length > 0, `empty or padded value ${JSON.stringify(text)}`);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
const toCsv = (header, rows) =>
  [header.join(';'), ...rows.map((row) => row.map(field).join(';'))].join('\n') + '\n';
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

// --- départements (including the overseas collectivities that have INSEE communes: 975, 977, 978, 984-989)
const departements = data('departements.json').sort(byCode);
const departementCodes = new Set();
for (const d of departements) {
  check(DEPARTEMENT_CODE.test(d.code), `département code ${d.code}`);
  check(REGION_CODE.test(d.region), `région code ${d.region} of département ${d.code}`);
  check(!departementCodes.has(d.code), `duplicate département ${d.code}`);
  departementCodes.add(d.code);
}

// --- EPCI, and each commune's EPCI from the members lists
const epcis = data('epci.json').sort(byCode);
const epciOfCommune = new Map();
for (const e of epcis) {
  check(EPCI_CODE.test(e.code), `EPCI code ${e.code}`);
  check(typeof e.type === 'string' && e.type.length > 0 && e.type.length <= 10, `EPCI ${e.code} type ${e.type}`);
  for (const member of e.membres) {
    // A commune belongs to at most one EPCI à fiscalité propre: the loader relies on it.
    check(!epciOfCommune.has(member.code), `commune ${member.code} in EPCI ${epciOfCommune.get(member.code)} and ${e.code}`);
    epciOfCommune.set(member.code, e.code);
  }
}

// --- communes: current communes only (no communes déléguées/associées, no Paris/Lyon/Marseille arrondissements)
const communes = data('communes.json').filter((c) => c.type === 'commune-actuelle').sort(byCode);
const communeCodes = new Set();
for (const c of communes) {
  check(INSEE_CODE.test(c.code), `commune code ${c.code} (${c.nom})`);
  check(!communeCodes.has(c.code), `duplicate commune ${c.code}`);
  check(departementCodes.has(c.departement), `commune ${c.code}: unknown département ${c.departement}`);
  check(c.code.startsWith(c.departement), `commune ${c.code} is not in its département ${c.departement}`);
  // Some TAAF districts have no postal code nor population: they load as an empty array and NULL.
  for (const postalCode of c.codesPostaux ?? []) {
    check(POSTAL_CODE.test(postalCode), `commune ${c.code}: postal code ${postalCode}`);
  }
  check(c.population === undefined || c.population === null || Number.isInteger(c.population),
    `commune ${c.code}: population ${c.population}`);
  communeCodes.add(c.code);
}
for (const member of epciOfCommune.keys()) {
  check(communeCodes.has(member), `EPCI member ${member} is not a current commune`);
}

mkdirSync(outputDir, { recursive: true });
const files = {
  'departements.csv': toCsv(['code', 'name', 'region_code'], departements.map((d) => [d.code, d.nom, d.region])),
  'epci.csv': toCsv(['code', 'name', 'kind'], epcis.map((e) => [e.code, e.nom, e.type])),
  'communes.csv': toCsv(
    ['insee_code', 'name', 'departement_code', 'epci_code', 'postal_codes', 'population'],
    communes.map((c) => [
      c.code,
      c.nom,
      c.departement,
      epciOfCommune.get(c.code),
      (c.codesPostaux ?? []).length > 0 ? [...new Set(c.codesPostaux)].sort().join(' ') : null,
      c.population,
    ]),
  ),
};
for (const [name, content] of Object.entries(files)) {
  writeFileSync(join(outputDir, name), content, 'utf8');
}

let integrity = '';
if (packJsonFile) {
  const [packed] = readJson(packJsonFile);
  integrity = `\n- npm tarball: \`${packed.filename}\`, integrity \`${packed.integrity}\``;
}
const withoutEpci = communes.filter((c) => !epciOfCommune.has(c.code)).length;
// Overseas collectivities (not départements) have communes but no EPCI.
const inCollectivity = (c) => c.departement.length === 3 && !/^97[1-46]$/.test(c.departement);
const outreMerCollectivities = communes.filter(inCollectivity).length;
const otherWithoutEpci = communes.filter((c) => !epciOfCommune.has(c.code) && !inCollectivity(c))
  .map((c) => `${c.nom} (${c.code})`);
const source = `# Territory reference data

Generated file: do not edit by hand, run the refresh script below.

- Source: npm package [\`${pkg.name}\`](https://www.npmjs.com/package/${pkg.name}) (${pkg.repository}), by Etalab
- Version: ${pkg.version}
- Licence: ${pkg.license} (see the package's LICENSE; the data itself comes from INSEE's Code officiel géographique, Licence Ouverte)${integrity}
- Generated: ${new Date().toISOString().slice(0, 10)} by \`scripts/reference-data.mjs\`

| File | Rows | Columns |
|---|---|---|
| departements.csv | ${departements.length} | code;name;region_code |
| epci.csv | ${epcis.length} | code;name;kind |
| communes.csv | ${communes.length} | insee_code;name;departement_code;epci_code;postal_codes;population |

UTF-8, \`;\` separator, header line, RFC 4180 quoting (some EPCI names contain \`"\`), LF line ends.
An empty field is NULL. \`postal_codes\` is space-separated.

Only \`"type": "commune-actuelle"\` entries of communes.json are kept (no communes déléguées or associées,
no municipal arrondissements). ${outreMerCollectivities} of them are in overseas collectivities (975, 977, 978,
984 TAAF, 986-989), which have no EPCI; TAAF districts have no postal code nor population.
${withoutEpci} communes have no EPCI: those and ${otherWithoutEpci.join(', ')}.

## Refresh

\`\`\`
scripts/refresh-reference-data.sh [version]   # default: the version above
\`\`\`

then commit these files. The Flyway migration \`db.migration.R__Territory_reference_data\` takes its checksum
from the CSV contents, so the next application start re-runs it: new and changed rows are upserted, rows no
longer in the files are kept (other tables may reference them).
`;
writeFileSync(join(outputDir, 'SOURCE.md'), source, 'utf8');

console.log(`reference-data: ${pkg.name}@${pkg.version}: ${departements.length} départements, ` +
  `${epcis.length} EPCI, ${communes.length} communes (${withoutEpci} without EPCI) -> ${outputDir}`);
