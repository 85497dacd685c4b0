import type { Shape } from '../messages'
import type en from './en.ceremonies'

const ceremonies: Shape<typeof en> = {
  title: 'ceremonies',
}

export default ceremonies
