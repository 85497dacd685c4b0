import type { Shape } from '../messages'
import type en from './en.projects'

const projects: Shape<typeof en> = {
  title: 'projects',
}

export default projects
