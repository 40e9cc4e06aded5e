import type { HandlerSlice } from '../handler.js';
import type { ProfileRegistry } from './service.js';

export function profileHandlers(registry: ProfileRegistry): HandlerSlice<'profile:list'> {
  return { 'profile:list': () => registry.list() };
}
