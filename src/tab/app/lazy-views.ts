/**
 * The views the first screen does not need, each its own chunk (webpack splits at `import()`),
 * so the catalogue's initial bundle stays small. Kept in one module so tests, whose CommonJS
 * runtime cannot execute `import()`, can swap in synchronous loaders.
 *
 * The `.js` suffix is what TypeScript's node16 resolution requires of an `import()` (it maps to
 * the .tsx file); webpack maps it back with `resolve.extensionAlias`.
 */
export const viewLoaders = {
  role: () => import(/* webpackChunkName: "role" */ '../features/role/RolePage/RolePage.js'),
  competency: () =>
    import(
      /* webpackChunkName: "competency" */ '../features/competency/CompetencyPage/CompetencyPage.js'
    ),
  compare: () =>
    import(/* webpackChunkName: "compare" */ '../features/compare/ComparePage/ComparePage.js'),
  importer: () =>
    import(/* webpackChunkName: "import" */ '../features/import/ImportPage/ImportPage.js'),
};
