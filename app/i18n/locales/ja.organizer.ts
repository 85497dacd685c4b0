import type { Shape } from '../messages'
import type en from './en.organizer'

const organizer: Shape<typeof en> = {
  placeholder: '主催者ページ',
}

export default organizer
