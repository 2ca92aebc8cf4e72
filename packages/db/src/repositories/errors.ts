/** A repository was asked to act on a row that does not exist (e.g. lock an
 * unknown plan). The server's error map turns it into NOT_FOUND. */
export class RecordNotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}.`);
    this.name = "RecordNotFoundError";
  }
}
