/** The shape of a namespace with every string widened: German declares `satisfies Shape<typeof english>`. */
export type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
