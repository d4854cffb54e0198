// The JavaScript SDK example of the automation API document, unchanged except that API_BASE and the
// token come from the environment, plus a driver that the tests (and the end-to-end module, through the
// gateway) run: list playbooks, run one, wait for completion. Needs axios from the npm registry.
import axios from 'axios'

const API_BASE = process.env.AUTOMATION_API_BASE || 'http://localhost:8080/api/v1'
const token = process.env.AUTOMATION_TOKEN || 'your-jwt-token'

// 创建 axios 实例
const api = axios.create({
  baseURL: API_BASE,
  headers: {
    'Authorization': `Bearer ${token}`,
    'Content-Type': 'application/json'
  }
})

// 列出 Playbooks
async function listPlaybooks() {
  const response = await api.get('/automation/ansible/playbooks')
  return response.data.data.playbooks
}

// 执行 Playbook
async function runPlaybook(playbookId, clusterName, targetNodes, credentialId) {
  const response = await api.post('/automation/ansible/run', {
    playbook_id: playbookId,
    cluster_name: clusterName,
    target_nodes: targetNodes,
    credential_id: credentialId
  })
  return response.data.data.task_id
}

// 查询执行状态
async function getExecutionStatus(taskId) {
  const response = await api.get(`/automation/ansible/status/${taskId}`)
  return response.data.data
}

// 轮询执行状态
async function waitForCompletion(taskId, intervalMs = 2000) {
  while (true) {
    const status = await getExecutionStatus(taskId)
    
    if (status.status === 'completed' || status.status === 'failed') {
      return status
    }
    
    console.log(`Current status: ${status.status}`)
    await new Promise(resolve => setTimeout(resolve, intervalMs))
  }
}

// Driver (not part of the SDK example): the example's main() with its ids taken from the environment.
async function main() {
  try {
    const playbooks = await listPlaybooks()
    console.log('Available playbooks:', playbooks.length)
    const taskId = await runPlaybook(
      Number(process.env.PLAYBOOK_ID),
      process.env.CLUSTER_NAME || 'production',
      (process.env.TARGET_NODES || 'node1,node2').split(','),
      Number(process.env.CREDENTIAL_ID)
    )
    console.log('Task started:', taskId)
    const result = await waitForCompletion(taskId, 1000)
    console.log('Execution completed:', result.status)
    if (result.status === 'completed') {
      console.log('Success count:', result.success_count)
      console.log('Failed count:', result.failed_count)
    }
    process.exitCode = result.status === 'completed' ? 0 : 1
  } catch (error) {
    console.error('Error:', error.response?.data || error.message)
    process.exitCode = 2
  }
}

main()
