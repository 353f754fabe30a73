// oclif's Prettier style (single quotes, no semicolons, no bracket spacing, trailing commas), wider: this code
// has many lines of 120-150 characters, and 150 rewrites the fewest existing lines (measured: 257 at 150,
// 273 at 140, 302 at 160).
import oclif from '@oclif/prettier-config'

export default {...oclif, printWidth: 150}
