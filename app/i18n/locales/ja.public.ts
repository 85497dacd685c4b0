import type { Shape } from '../messages'
import type en from './en.public'

const pub: Shape<typeof en> = {
  placeholder: '公開ページ',
}

export default pub
