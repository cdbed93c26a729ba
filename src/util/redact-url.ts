// A database URL as it may be shown (a terminal, a service log): its password never is.

/** The target with the password of a URL as `***`; a file path stays as it is. */
export function withoutPassword(target: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return target;
  try {
    const u = new URL(target);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    // Not a URL the parser takes: hide whatever stands between "user:" and "@".
    return target.replace(/:[^:@/]*@/, ':***@');
  }
}
