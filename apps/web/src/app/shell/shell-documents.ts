import { graphql } from "../../graphql/generated/index.js";

export const CYCLES_QUERY = graphql(`
  query Cycles {
    cycles {
      id
      code
      year
      nameZh
      nameEn
      status
    }
  }
`);
