// "server-only" throws outside a React Server bundle; tests import server modules directly.
export {};
