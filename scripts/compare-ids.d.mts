export function compareIds(a: string, b: string): number
