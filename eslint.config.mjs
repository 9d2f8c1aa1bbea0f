// npm run lint: typescript-eslint's recommended type-checked rules over the library and the page.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "web/dist/**", "src/lang/grammar.generated.ts", "node_modules/**", "test/**", "bench/**", "scripts/**", "web/vite.config.ts", "eslint.config.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // unused names are tsc's job (noUnusedLocals / noUnusedParameters); `_`-prefixed ones are meant
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      // Prettier wraps code at 120; comments are wrapped by hand; messages stay whole (greppable)
      "max-len": ["error", { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
);
