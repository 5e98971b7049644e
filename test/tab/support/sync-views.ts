/**
 * Jest runs the tests as CommonJS without `--experimental-vm-modules`, so the lazy views'
 * `import()` cannot execute here. Test files swap `src/tab/app/lazy-views` for these loaders,
 * which resolve to the same modules; React.lazy and Suspense in the app still run as in the
 * browser.
 */
export const viewLoaders = {
  role: () =>
    Promise.resolve(
      jest.requireActual<typeof import('../../../src/tab/features/role/RolePage/RolePage')>(
        '../../../src/tab/features/role/RolePage/RolePage',
      ),
    ),
  competency: () =>
    Promise.resolve(
      jest.requireActual<
        typeof import('../../../src/tab/features/competency/CompetencyPage/CompetencyPage')
      >('../../../src/tab/features/competency/CompetencyPage/CompetencyPage'),
    ),
  compare: () =>
    Promise.resolve(
      jest.requireActual<
        typeof import('../../../src/tab/features/compare/ComparePage/ComparePage')
      >('../../../src/tab/features/compare/ComparePage/ComparePage'),
    ),
};
