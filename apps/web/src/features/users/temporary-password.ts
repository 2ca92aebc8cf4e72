// A temporary password for a reset: 12 characters in three groups of four
// ("Ab3d-EfGh-7kMn"), from an alphabet without look-alikes (0/O, 1/l/I, 2/Z, 5/S),
// drawn without bias from the browser's cryptographic random source. It is
// shown once to the administrator and never kept.
export const TEMPORARY_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRTUVWXY346789";

const GROUPS = 3;
const GROUP_LENGTH = 4;

/** `count` random bytes. */
export type RandomBytes = (count: number) => Uint8Array;

const cryptoBytes: RandomBytes = (count) => crypto.getRandomValues(new Uint8Array(count));

export function temporaryPassword(randomBytes: RandomBytes = cryptoBytes): string {
  const size = TEMPORARY_PASSWORD_ALPHABET.length;
  // Bytes at or above the largest multiple of the alphabet's size would favour its first letters.
  const limit = 256 - (256 % size);
  const characters: string[] = [];
  while (characters.length < GROUPS * GROUP_LENGTH) {
    for (const byte of randomBytes(GROUPS * GROUP_LENGTH)) {
      if (byte < limit && characters.length < GROUPS * GROUP_LENGTH)
        characters.push(TEMPORARY_PASSWORD_ALPHABET[byte % size] ?? "");
    }
  }
  const groups: string[] = [];
  for (let start = 0; start < characters.length; start += GROUP_LENGTH)
    groups.push(characters.slice(start, start + GROUP_LENGTH).join(""));
  return groups.join("-");
}
