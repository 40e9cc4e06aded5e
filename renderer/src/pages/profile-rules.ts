/** Client-side checks of a new profile, mirroring the contract's Username and Password schemas (the server re-checks). */
const USERNAME = /^[\p{L}\p{N}._@ -]+$/u;

export function checkNewProfile(username: string, password: string, confirm: string): string | null {
  if (!username) return 'Choose a username.';
  if (username.trim() !== username) return 'The username cannot start or end with a space.';
  if (username.length > 64) return 'The username can have at most 64 characters.';
  if (!USERNAME.test(username)) return 'The username can use letters, digits, spaces and . _ @ -';
  if (password.length < 8) return 'The password needs at least 8 characters.';
  if (password.length > 256) return 'The password can have at most 256 characters.';
  if (password !== confirm) return 'The two passwords do not match.';
  return null;
}
