// ESLint for the map page's own scripts (layers/web/static/), the app's map component (atlas/component/) and their
// unit tests (tests/js/); `make check` runs it.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["layers/web/static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly", module: "writable" },
    },
    rules: {
      eqeqeq: "error",
      "no-var": "off",
      "no-implicit-globals": "off",
      "no-unused-vars": ["error", { varsIgnorePattern: "^Atlas" }],
    },
  },
  {
    files: ["atlas/component/**/*.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: { ...globals.browser } },
    rules: { eqeqeq: "error" },
  },
  {
    files: ["tests/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
];
