import type { Shape } from '../messages'
import type en from './en.public'

const pub: Shape<typeof en> = {
  placeholder: '公开页面',
}

export default pub
