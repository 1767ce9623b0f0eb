// The LanceDB SDK as the store uses it, loaded after quiet-log so native warnings do not flood the console.
import './quiet-log'
export { connect, Index, MultiMatchQuery, type Connection, type Table } from '@lancedb/lancedb'
