import * as module from 'node:module';

let installed = false;

/**
 * Lets handlers load under tsx (npm start, npm run invoke, bench) the way jest's moduleNameMapper
 * lets them load under jest: packages that export only an `import` condition (middy 7) are resolved
 * with that condition, then loaded through Node 22's require(esm). Skipped under jest, which resolves
 * test modules itself (its moduleNameMapper) and refuses module hooks; a no-op on Node versions without
 * synchronous module hooks.
 */
export function installHandlerResolution(): void {
  if (installed) return;
  installed = true;
  const registerHooks = (module as { registerHooks?: typeof module.registerHooks }).registerHooks;
  if (registerHooks === undefined) return;
  try {
    registerHooks({
      resolve(specifier, context, nextResolve) {
        try {
          return nextResolve(specifier, context);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw error;
          return nextResolve(specifier, {
            ...context,
            conditions: [...(context.conditions ?? []), 'import'],
          });
        }
      },
    });
  } catch {
    // jest's module runtime refuses hooks; its moduleNameMapper already resolves middy there.
  }
}
