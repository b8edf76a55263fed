// Checks each content file's frontmatter against the JSON Schemas in schemas/ while you type,
// in VS Code (extension unifiedjs.vscode-remark) and on the command line (npx remark content).
// One-time setup:   npm install --save-dev remark-cli remark-frontmatter remark-lint-frontmatter-schema
// After changing schema.toml, write the JSON Schemas again:   fieldbook schema --json-schema
// `fieldbook check` stays the judge: it also checks what a JSON Schema cannot say.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      {
        schemas: {
          './schemas/community.schema.json': ['./content/communities/*.md'],
          './schemas/case-study.schema.json': ['./content/case-studies/*.md'],
          './schemas/project.schema.json': ['./content/projects/*.md'],
          './schemas/guidance.schema.json': ['./content/guidance/*.md'],
          './schemas/page.schema.json': ['./content/*.md'],
        },
      },
    ],
  ],
};
