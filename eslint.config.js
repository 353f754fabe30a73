// ESLint 9 flat config: oclif's shared config (typescript-eslint, unicorn, n, import, perfectionist, jsdoc),
// typescript-eslint's type-aware rules, and eslint-config-prettier last (Prettier owns the layout).
// `npm run lint` runs it with `prettier --check`; `npm run format` rewrites what both can fix.
//
// What stays on is what catches bugs: floating and misused promises, unsafe `any` in src, unused code, unresolved
// or duplicate imports, Node APIs missing from Node 20, plus the oclif/unicorn rules the code already keeps.
// What is off below is style this code does differently on purpose; each says why.
import {includeIgnoreFile} from '@eslint/compat'
import oclif from 'eslint-config-oclif'
import prettier from 'eslint-config-prettier'
import {fileURLToPath} from 'node:url'
import {configs as tseslint} from 'typescript-eslint'

const root = fileURLToPath(new URL('.', import.meta.url))
// eslint-config-oclif's own settings for these rules, where natsctl turns them back on or off.
const oclifRules = Object.assign({}, ...oclif.map((config) => config.rules ?? {}))
const mochaRules = Object.keys(oclifRules).filter((rule) => rule.startsWith('mocha/'))

export default [
  includeIgnoreFile(fileURLToPath(new URL('.gitignore', import.meta.url))),
  {ignores: ['oclif.manifest.json', 'package-lock.json']},
  ...oclif,
  // Type-aware rules (no-floating-promises, no-misused-promises, no-unsafe-*, ...): the TypeScript files are
  // checked against their own tsconfig (src: tsconfig.json; test, perf: test/tsconfig.json).
  ...tseslint.recommendedTypeCheckedOnly,
  {languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: root}}},
  {
    rules: {
      // node:test's describe/it/before/after return promises the runner itself tracks.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {allowForKnownSafeCalls: [{from: 'package', name: ['describe', 'it', 'test', 'suite'], package: 'node:test'}]},
      ],
      // Node 20 is the floor (package.json engines). eslint-plugin-n calls these experimental, but on Node 20 they
      // are there unflagged and without a warning: fetch, and node:test's describe/it.
      // Newer APIs used only behind a feature check (module.enableCompileCache, zlib.crc32 on 22+), and the web
      // streams the object store client takes (global on Node 18+, stable on 21+, unflagged on 20).
      'n/no-unsupported-features/node-builtins': [
        'error',
        {
          ignores: [
            'fetch',
            'test.describe',
            'test.it',
            'module.enableCompileCache',
            'zlib.crc32',
            'ReadableStream',
            'stream.Readable.toWeb',
            'stream.Readable.fromWeb',
          ],
        },
      ],
      // Off: under ESLint's project service some @nats-io types resolve to `error` types, so this rule calls
      // needed assertions unnecessary, and its autofix breaks the build (tsc is the judge: npm run typecheck).
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Escaping what a terminal would act on (error lines, printable(), the protocol trace) has to name control
      // characters in its regular expressions.
      'no-control-regex': 'off',
      // `_` names a value that must be bound but is not used (`for await (const _ of sub) n++`).
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      // oclif's run() and catch() are async by contract; a run() that needs no await is not a bug.
      '@typescript-eslint/require-await': 'off',

      // The tests use node:test, not mocha: eslint-config-oclif's mocha rules do not apply.
      ...Object.fromEntries(mochaRules.map((rule) => [rule, 'off'])),

      // Order is meaning here: object keys are the --json shapes (natscli's order), interface and union members
      // follow the domain, imports are grouped by hand. Sorting them would rewrite most files for nothing.
      // Class members are sorted only in command files (the statics; see below).
      'perfectionist/sort-classes': 'off',
      'perfectionist/sort-imports': 'off',
      'perfectionist/sort-interfaces': 'off',
      'perfectionist/sort-named-imports': 'off',
      'perfectionist/sort-object-types': 'off',
      'perfectionist/sort-objects': 'off',
      'perfectionist/sort-sets': 'off',
      'perfectionist/sort-switch-case': 'off',
      'perfectionist/sort-union-types': 'off',
      // natscli's JSON fields are snake_case (max_msgs, latency_us), and natsctl returns them as they are.
      camelcase: 'off',
      // Blank lines are placed by hand to group statements; Prettier keeps them as written.
      '@stylistic/lines-between-class-members': 'off',
      '@stylistic/padding-line-between-statements': 'off',
      // Awaiting in a loop is how this code keeps order and flow control (publish, then the next; retry after
      // a pause); the parallel cases use Promise.all.
      'no-await-in-loop': 'off',
      // `new Promise((resolve) => setTimeout(resolve, ms))` and `(v) => (x = v)` are idioms here, not mistakes.
      'no-promise-executor-return': 'off',
      'no-return-assign': 'off',
      // `void promise` marks a promise as deliberately not awaited (no-floating-promises accepts it).
      'no-void': 'off',
      // Bit operations are the point in the histogram, the CRC and the protocol code.
      'no-bitwise': 'off',
      // Size metrics, not defects: the protocol loops and flag mapping are long and flat on purpose.
      complexity: 'off',
      'max-depth': 'off',
      'max-params': 'off',
      // Style the code does the other way consistently, with no bug behind it.
      'prefer-destructuring': 'off',
      'unicorn/consistent-function-scoping': 'off',
      'unicorn/explicit-length-check': 'off',
      'unicorn/no-array-callback-reference': 'off',
      'unicorn/no-array-push-push': 'off',
      'unicorn/no-negated-condition': 'off',
      'unicorn/no-useless-undefined': 'off',
      'unicorn/catch-error-name': 'off',
      'unicorn/no-new-array': 'off',
      'unicorn/prefer-string-raw': 'off',
      'unicorn/prefer-string-replace-all': 'off',
      'unicorn/prefer-ternary': 'off',
      'unicorn/switch-case-braces': 'off',
      // Terminal escapes are written as the terminal documents them (\x1b[2K), not as \u001B.
      'unicorn/escape-case': 'off',
      'unicorn/no-hex-escape': 'off',
      // Arrow functions stay arrows (xo's avoidExplicitReturnArrows would turn `callback: () => {...}` into methods).
      'object-shorthand': ['error', 'always'],
      // TextDecoder's labels are WHATWG's ('utf-8'); Buffer's 'utf8' is not the same API.
      'unicorn/text-encoding-identifier-case': 'off',
      // Async generators are documented in prose; a @yields tag would repeat the type.
      'jsdoc/require-yields': 'off',
      // chalk is imported by name from one module (src/lib/ui/colour.ts).
      'unicorn/import-style': 'off',
    },
  },
  {
    // The command classes keep oclif's order of statics (alphabetical: aliases, args, description, ...).
    files: ['src/commands/**/*.ts'],
    rules: {'perfectionist/sort-classes': oclifRules['perfectionist/sort-classes']},
  },
  {
    // Tests read the CLI's --json output through JSON.parse (any) and poke at client internals on purpose.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Test helpers are plain objects of functions (`const {cli, status} = broker()`); none uses `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Development-only and benchmark scripts: they exit with their status and use the dev dependencies.
    files: ['bin/dev.js', 'scripts/**', 'perf/**'],
    rules: {
      'n/no-extraneous-import': 'off',
      'n/no-process-exit': 'off',
      'n/no-unpublished-import': 'off',
      'unicorn/no-process-exit': 'off',
    },
  },
  {
    // bin/run.js loads the compiled code, which exists after `npm run compile`.
    files: ['bin/run.js'],
    rules: {'import/no-unresolved': ['error', {ignore: [String.raw`^\.\./dist/`]}], 'n/no-unpublished-import': 'off'},
  },
  {
    // bin/ is CommonJS (bin/package.json): an ES module entry would cost Node's ESM loader on every start.
    files: ['bin/*.js'],
    languageOptions: {globals: {__dirname: 'readonly', __filename: 'readonly', require: 'readonly'}, sourceType: 'commonjs'},
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      'no-implicit-globals': 'off', // a CommonJS file's top-level functions are module-local
      'unicorn/prefer-module': 'off',
      'unicorn/prefer-top-level-await': 'off', // CommonJS has none
    },
  },
  // The JavaScript files (bin, scripts, perf, this file) have no types to check (after the rules above, which
  // turn some type-aware rules on).
  {files: ['**/*.js', '**/*.mjs'], ...tseslint.disableTypeChecked},
  prettier,
]
