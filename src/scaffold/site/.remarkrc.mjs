// Checks each content file's frontmatter against the JSON Schemas in schemas/ while you type,
// in VS Code (extension unifiedjs.vscode-remark) and on the command line (npx remark content).
// One-time setup:   npm install --save-dev remark-cli remark-frontmatter remark-lint-frontmatter-schema
// After changing schema.toml or the site's languages, write the JSON Schemas again:
//   fieldbook schema --json-schema
// `fieldbook check` stays the judge: it also checks what a JSON Schema cannot say.
import fs from 'node:fs';
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const folders = {
  community: 'communities/',
  'case-study': 'case-studies/',
  project: 'projects/',
  guidance: 'guidance/',
  page: '',
};
// Each content type's JSON Schema, then its translations' (community.fr.schema.json for
// content/communities/*.fr.md, which needs only a title): a file both match is checked
// against the one listed last.
const schemas = {};
for (const [type, folder] of Object.entries(folders)) {
  schemas[`./schemas/${type}.schema.json`] = [`./content/${folder}*.md`];
}
// The folder beside this file, wherever the editor or the command line runs from.
const folder = new URL('./schemas/', import.meta.url);
const written = fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
for (const file of written) {
  const [, type, language] = file.match(/^([a-z-]+)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.schema\.json$/) ?? [];
  if (type in folders) {
    schemas[`./schemas/${file}`] = [`./content/${folders[type]}*.${language}.md`];
  }
}

export default {
  plugins: [remarkFrontmatter, [remarkLintFrontmatterSchema, { schemas }]],
};
